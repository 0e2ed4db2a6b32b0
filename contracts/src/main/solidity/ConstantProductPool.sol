// SPDX-License-Identifier: MIT
pragma solidity 0.8.24;

import {IERC20} from "./IERC20.sol";

/// @title Constant-product (x*y=k) pool for one token pair, 0.30% fee, with a minimum-out bound on every swap.
/// @notice Liquidity comes from the deployer (the demo's market maker); there are no LP shares because nobody else
///         provides liquidity on this local chain.
contract ConstantProductPool {
    uint256 public constant FEE_BPS = 30;
    uint256 private constant BPS = 10_000;

    address public immutable tokenA;
    address public immutable tokenB;
    address public immutable owner;
    uint256 public reserveA;
    uint256 public reserveB;
    uint256 private locked = 1;

    event LiquidityAdded(address indexed provider, uint256 amountA, uint256 amountB);
    event Swap(address indexed sender, address indexed tokenIn, uint256 amountIn, uint256 amountOut, address indexed to);

    error NotOwner(address caller);
    error UnknownToken(address token);
    error ZeroAmount();
    error ZeroAddress();
    error EmptyPool();
    error InsufficientOutput(uint256 amountOut, uint256 minAmountOut);
    error TransferFailed(address token);
    error Reentrancy();

    modifier nonReentrant() {
        if (locked != 1) revert Reentrancy();
        locked = 2;
        _;
        locked = 1;
    }

    constructor(address tokenA_, address tokenB_) {
        if (tokenA_ == address(0) || tokenB_ == address(0)) revert ZeroAddress();
        if (tokenA_ == tokenB_) revert UnknownToken(tokenB_);
        tokenA = tokenA_;
        tokenB = tokenB_;
        owner = msg.sender;
    }

    function addLiquidity(uint256 amountA, uint256 amountB) external nonReentrant {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        if (amountA == 0 || amountB == 0) revert ZeroAmount();
        reserveA += amountA;
        reserveB += amountB;
        _pull(tokenA, amountA);
        _pull(tokenB, amountB);
        emit LiquidityAdded(msg.sender, amountA, amountB);
    }

    /// @notice What a swap of amountIn of tokenIn would pay out now, fee included.
    function getAmountOut(address tokenIn, uint256 amountIn) public view returns (uint256) {
        (uint256 reserveIn, uint256 reserveOut) = _reserves(tokenIn);
        if (reserveIn == 0 || reserveOut == 0) revert EmptyPool();
        uint256 inWithFee = amountIn * (BPS - FEE_BPS);
        return (inWithFee * reserveOut) / (reserveIn * BPS + inWithFee);
    }

    /// @notice Reserves ordered as (in, out) for a swap that sells tokenIn.
    function reservesFor(address tokenIn) external view returns (uint256 reserveIn, uint256 reserveOut) {
        return _reserves(tokenIn);
    }

    function swap(address tokenIn, uint256 amountIn, uint256 minAmountOut, address to)
        external
        nonReentrant
        returns (uint256 amountOut)
    {
        if (amountIn == 0) revert ZeroAmount();
        if (to == address(0)) revert ZeroAddress();
        amountOut = getAmountOut(tokenIn, amountIn);
        if (amountOut < minAmountOut) revert InsufficientOutput(amountOut, minAmountOut);
        address tokenOut = tokenIn == tokenA ? tokenB : tokenA;
        if (tokenIn == tokenA) {
            reserveA += amountIn;
            reserveB -= amountOut;
        } else {
            reserveB += amountIn;
            reserveA -= amountOut;
        }
        _pull(tokenIn, amountIn);
        if (!IERC20(tokenOut).transfer(to, amountOut)) revert TransferFailed(tokenOut);
        emit Swap(msg.sender, tokenIn, amountIn, amountOut, to);
    }

    function _reserves(address tokenIn) private view returns (uint256, uint256) {
        if (tokenIn == tokenA) return (reserveA, reserveB);
        if (tokenIn == tokenB) return (reserveB, reserveA);
        revert UnknownToken(tokenIn);
    }

    function _pull(address token, uint256 amount) private {
        if (!IERC20(token).transferFrom(msg.sender, address(this), amount)) revert TransferFailed(token);
    }
}
